# Gongkai: `make serve` and `make test` do all set-up on a fresh Debian machine with Swift 6.3.
SWIFT      ?= swift
INDEX      ?= index
CORPUS     ?= Corpora/generated
HOST       ?= 127.0.0.1
PORT       ?= 8080
SEED       ?= 1
PAYOUTS    ?= 350000
BIN        := .build/release/gongkai

.PHONY: deps build serve index test e2e bench clean-index help

help:
	@echo "make serve   build, index the bundled corpus once, serve on http://$(HOST):$(PORT)"
	@echo "make test    build and run the whole test suite"
	@echo "make e2e     headless Chromium loads the page from a running server"
	@echo "make bench   benchmarks against peers; writes Benchmarks/RESULTS.md"

# Installs the system libraries the build links against, when they are missing.
deps:
	@missing=""; for p in libicu-dev libsqlite3-dev; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product gongkai

# The default index: generated and ingested once, then reused; rebuilt when this build cannot
# open it (an index written in an older format). The corpus and the index are written beside
# their place and renamed into it when complete, so that an interrupted make leaves no partial
# corpus or index for the next one to take as done.
index: $(INDEX)/MANIFEST
	@$(BIN) search --index $(INDEX) --limit 1 --ids-only >/dev/null 2>&1 || { \
	  echo "the index in $(INDEX) cannot be opened by this build (older format?): rebuilding it"; \
	  rm -rf $(INDEX) && $(MAKE) $(INDEX)/MANIFEST; }

$(INDEX)/MANIFEST:
	$(MAKE) build
	@test -f $(CORPUS)/payouts.jsonl || { rm -rf $(CORPUS).partial && \
	  $(BIN) corpus --seed $(SEED) --payouts $(PAYOUTS) --out $(CORPUS).partial && \
	  rm -rf $(CORPUS) && mv $(CORPUS).partial $(CORPUS); }
	rm -rf $(INDEX).partial
	$(BIN) ingest --index $(INDEX).partial $(CORPUS)/*.jsonl
	rm -rf $(INDEX) && mv $(INDEX).partial $(INDEX)

serve: build index
	$(BIN) serve --index $(INDEX) --host $(HOST) --port $(PORT)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

e2e: build index
	GONGKAI=$(BIN) bash scripts/e2e.sh $(INDEX)

bench: build index
	sh Benchmarks/run.sh

clean-index:
	rm -rf $(INDEX)

# Reliability (issue 6): long forms of the crash and fuzz tests, and the HTTP soak.
.PHONY: crash-long fuzz-long soak abuse
crash-long: deps
	$(SWIFT) build --build-tests
	GONGKAI_LONG=1 $(SWIFT) test --skip-build --filter CrashTests

fuzz-long: deps
	$(SWIFT) build --build-tests
	GONGKAI_LONG=1 $(SWIFT) test --skip-build --filter FuzzTests

soak: build index
	BIN=$(BIN) INDEX=$(INDEX) sh Benchmarks/http/soak.sh

abuse: build index
	BIN=$(BIN) INDEX=$(INDEX) sh Benchmarks/http/abuse.sh
