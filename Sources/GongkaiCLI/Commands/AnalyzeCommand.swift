import ArgumentParser
import Gongkai

/// `gongkai analyze TEXT`: prints the tokens of a text as JSON.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Print the tokens of TEXT as a JSON array of {term, start, end, position} (offsets in Unicode scalars)."
    )

    @Argument(help: "The text to analyse.")
    var text: String

    func run() {
        var w = JSONWriter()
        w.beginArray()
        for token in TextAnalyzer().tokens(text) {
            w.beginObject()
            w.key("term"); w.string(token.term)
            w.key("start"); w.int(token.start)
            w.key("end"); w.int(token.end)
            w.key("position"); w.int(token.position)
            w.endObject()
        }
        w.endArray()
        print(w.text)
    }
}
