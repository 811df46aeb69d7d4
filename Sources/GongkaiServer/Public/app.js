// Gongkai search page. Plain JavaScript, no build step, nothing fetched from elsewhere.
// Rule: text from the API goes in with textContent; only highlight snippets (which the API
// HTML-escapes and marks with <mark>) are inserted as HTML.
'use strict';

const PAGE_SIZE = 20;
const FILTERS = ['item', 'level', 'town', 'year', 'kind'];
const KIND_NAMES = { payout: '补贴发放', guide: '办事指南', regulation: '政策文件' };
const FIELD_NAMES = {
  title: '标题', body: '正文', item: '补贴项目', recipient: '领取人', town: '镇/街道', village: '村',
  level: '层级', category: '类别', issuer: '发文机关', doc_number: '文号', department: '部门',
  basis: '办理依据', materials: '申请材料', process: '办理流程', location: '办理地点',
  subsidy_item: '补贴项目', stage: '环节', mode: '办理方式', time_limit: '办理时限', fee: '收费',
};
const STAGE_NAMES = { '决策': '政策依据', '执行': '申请办理', '管理': '检查验收', '服务': '监督反馈', '结果': '发放结果' };

const $ = (id) => document.getElementById(id);

/** Creates an element with text content (never HTML). */
function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

/** Inserts an API snippet as HTML; falls back to text if it holds anything but <mark>. */
function snippetNode(html) {
  const span = el('span');
  span.innerHTML = html;
  if (span.querySelector(':not(mark)')) span.textContent = span.textContent;
  return span;
}

/** "1234567.5" -> "¥1,234,567.50" without going through floating point. */
function money(text) {
  if (text === undefined || text === null || text === '') return '';
  const s = String(text);
  const neg = s.startsWith('-');
  const [intPart, frac = ''] = (neg ? s.slice(1) : s).split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + '¥' + grouped + '.' + (frac + '00').slice(0, 2);
}

function str(v) {
  if (v === undefined || v === null) return '';
  return Array.isArray(v) ? v.join('、') : String(v);
}

/** The page's state, read from and written to the address bar. */
function readState() {
  const p = new URLSearchParams(location.search);
  const state = { q: p.get('q') || '', sort: p.get('sort') || '', page: Math.max(1, parseInt(p.get('page') || '1', 10) || 1),
                  subsidy: p.get('subsidy') || '' };
  for (const f of FILTERS) state[f] = p.get(f) || '';
  return state;
}

function stateURL(state) {
  const p = new URLSearchParams();
  if (state.subsidy) { p.set('subsidy', state.subsidy); return '/?' + p.toString(); }
  if (state.q) p.set('q', state.q);
  for (const f of FILTERS) if (state[f]) p.set(f, state[f]);
  if (state.sort) p.set('sort', state.sort);
  if (state.page > 1) p.set('page', String(state.page));
  const qs = p.toString();
  return qs ? '/?' + qs : '/';
}

function navigate(state) {
  history.pushState(null, '', stateURL(state));
  render();
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await response.json(); } catch (_) { /* not JSON */ }
  if (!response.ok) throw new Error((body && body.error) || ('服务器返回 ' + response.status));
  return body;
}

function setStatus(text, isError) {
  const s = $('status');
  s.textContent = text || '';
  s.classList.toggle('error', !!isError);
}

function fillForm(state) {
  const form = $('search');
  form.q.value = state.q;
  form.sort.value = state.sort;
  for (const f of FILTERS) {
    const select = form[f];
    if (![...select.options].some((o) => o.value === state[f])) {
      select.append(new Option(state[f], state[f]));
    }
    select.value = state[f];
  }
}

/** Refills each filter select from the facets of the current result, keeping the chosen value. */
function fillFacets(facets, state) {
  for (const f of FILTERS) {
    const select = $('search')[f];
    select.replaceChildren(new Option('全部', ''));
    const values = (facets && facets[f]) || [];
    let found = false;
    for (const v of values) {
      const label = (f === 'kind' ? (KIND_NAMES[v.value] || v.value) : v.value) + '（' + v.count + '）';
      select.append(new Option(label, v.value));
      if (v.value === state[f]) found = true;
    }
    if (state[f] && !found) select.append(new Option(state[f], state[f]));
    select.value = state[f];
  }
}

function chainLink(item) {
  const a = el('a', '查看“' + item + '”公开全过程 →', 'chain-link');
  a.href = '/?subsidy=' + encodeURIComponent(item);
  a.addEventListener('click', (e) => { e.preventDefault(); navigate({ subsidy: item }); });
  return a;
}

function payoutTable(records, caption) {
  const wrap = el('div', null, 'table-wrap');
  const table = el('table', null, 'payouts');
  if (caption) table.append(el('caption', caption));
  const head = el('tr');
  for (const [name, cls] of [['领取人'], ['补贴项目'], ['层级'], ['镇/村'], ['金额', 'num'], ['日期']]) head.append(el('th', name, cls));
  const thead = el('thead'); thead.append(head);
  const tbody = el('tbody');
  for (const r of records) {
    const tr = el('tr');
    const who = el('td', str(r.recipient));
    if (r.id_number) who.append(el('span', str(r.id_number), 'idno'));   // arrives masked
    tr.append(who);
    const item = el('td');
    if (r.item) {
      const a = el('a', str(r.item));
      a.href = '/?subsidy=' + encodeURIComponent(r.item);
      a.addEventListener('click', (e) => { e.preventDefault(); navigate({ subsidy: String(r.item) }); });
      item.append(a);
    }
    tr.append(item, el('td', str(r.level)), el('td', [str(r.town), str(r.village)].filter(Boolean).join(' / ')),
              el('td', money(r.amount), 'num'), el('td', str(r.date || r.year)));
    // On a phone each row stacks into a card; the labels come from data-label.
    ['领取人', '补贴项目', '层级', '镇/村', '金额', '日期'].forEach((label, i) => tr.children[i].setAttribute('data-label', label));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  wrap.append(table);
  return wrap;
}

function hitCard(hit) {
  const r = hit.record || {};
  const card = el('article', null, 'hit');
  const h = el('h2');
  const titleSnippets = hit.highlights && hit.highlights.title;
  if (titleSnippets && titleSnippets.length) h.append(snippetNode(titleSnippets[0]));
  else h.textContent = str(r.title || r.item || hit.id);
  card.append(h);
  const meta = el('p', null, 'meta');
  meta.append(el('span', KIND_NAMES[hit.kind] || hit.kind, 'tag'));
  for (const key of ['doc_number', 'issuer', 'department', 'mode', 'date']) {
    if (r[key]) meta.append(el('span', str(r[key])));
  }
  card.append(meta);
  for (const [field, snippets] of Object.entries(hit.highlights || {})) {
    if (field === 'title') continue;
    for (const s of snippets) {
      const p = el('p', null, 'snippet');
      p.append(el('span', FIELD_NAMES[field] || field, 'field'), snippetNode(s));
      card.append(p);
    }
  }
  if (r.subsidy_item) card.append(chainLink(str(r.subsidy_item)));
  return card;
}

async function renderSearch(state) {
  $('chain').hidden = true;
  fillForm(state);
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const f of FILTERS) if (state[f]) params.set(f, state[f]);
  if (state.sort) params.set('sort', state.sort);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String((state.page - 1) * PAGE_SIZE));
  setStatus('正在查询…');
  let result;
  try {
    result = await getJSON('/search?' + params.toString());
  } catch (error) {
    setStatus('查询出错：' + error.message, true);
    $('results').replaceChildren();
    $('summary').hidden = true; $('pager').hidden = true;
    return;
  }
  setStatus(result.total === 0 ? '没有找到符合条件的记录，请换个关键词或减少筛选条件。' : '');
  fillFacets(result.facets, state);
  $('total').textContent = String(result.total);
  $('sum').textContent = money(result.amount_sum);
  $('summary').hidden = false;

  const results = $('results');
  results.replaceChildren();
  // Hits stay in the order the API ranked them; consecutive payouts share one table.
  let run = [];
  const flush = () => { if (run.length) results.append(payoutTable(run, '补贴发放明细')); run = []; };
  for (const hit of result.hits) {
    if (hit.kind === 'payout' && hit.record) { run.push(hit.record); continue; }
    flush();
    results.append(hitCard(hit));
  }
  flush();

  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  $('pager').hidden = result.total <= PAGE_SIZE;
  $('page').textContent = '第 ' + state.page + ' / ' + pages + ' 页';
  $('prev').disabled = state.page <= 1;
  $('next').disabled = state.page >= pages;
}

function totalsTable(caption, facetObject, field, label) {
  const values = (facetObject && facetObject[field]) || [];
  const wrap = el('div', null, 'table-wrap');
  const table = el('table');
  table.append(el('caption', caption));
  const head = el('tr');
  head.append(el('th', label), el('th', '笔数', 'num'), el('th', '金额', 'num'));
  const tbody = el('tbody');
  for (const v of values) {
    const tr = el('tr');
    tr.append(el('td', v.value), el('td', v.count, 'num'), el('td', money(v.amount_sum), 'num'));
    tbody.append(tr);
  }
  const thead = el('thead'); thead.append(head);
  table.append(thead, tbody);
  wrap.append(table);
  return wrap;
}

function stageSection(stage, title, className) {
  const section = el('section', null, 'stage' + (className ? ' ' + className : ''));
  const h = el('h3');
  h.append(el('span', stage, 'step'), document.createTextNode(title));
  section.append(h);
  return section;
}

async function renderChain(state) {
  $('results').replaceChildren();
  $('summary').hidden = true; $('pager').hidden = true;
  const box = $('chain');
  box.hidden = false;
  box.replaceChildren();
  setStatus('正在查询…');
  let chain;
  try {
    chain = await getJSON('/subsidies/' + encodeURIComponent(state.subsidy));
  } catch (error) {
    setStatus('查询出错：' + error.message, true);
    return;
  }
  setStatus('');
  const back = el('p', null, 'back');
  const a = el('a', '← 返回搜索');
  a.href = '/?item=' + encodeURIComponent(chain.item);
  a.addEventListener('click', (e) => { e.preventDefault(); navigate({ q: '', sort: '', page: 1, item: chain.item }); });
  back.append(a);
  box.append(back, el('h2', '“' + chain.item + '”公开全过程'));

  for (const s of chain.stages) {
    const section = stageSection(s.stage, STAGE_NAMES[s.stage] || s.name);
    if (!s.records.length) section.append(el('p', '暂无公开记录', 'empty'));
    else {
      const ul = el('ul');
      for (const r of s.records) {
        const li = el('li');
        const link = el('a', str(r.title || r.id));
        link.href = '/records/' + encodeURIComponent(r.id);
        li.append(link);
        const extra = ['doc_number', 'issuer', 'department', 'mode', 'location', 'date'].map((k) => str(r[k])).filter(Boolean).join(' · ');
        if (extra) li.append(el('span', '（' + extra + '）'));
        ul.append(li);
      }
      section.append(ul);
    }
    box.append(section);
  }

  const p = chain.payouts;
  const result = stageSection(p.stage || '结果', STAGE_NAMES['结果'], 'result');
  result.append(el('p', '共 ' + p.total + ' 笔，合计 ' + money(p.amount_sum)));
  const totals = el('div', null, 'totals');
  totals.append(totalsTable('按层级', p.by_level, 'level', '层级'), totalsTable('按年度', p.by_year, 'year', '年度'),
                totalsTable('按镇/街道', p.by_town, 'town', '镇/街道'));
  result.append(totals);
  if (p.rows.length) result.append(payoutTable(p.rows, '发放明细（前 ' + p.rows.length + ' 条）'));
  const all = el('a', '查看全部发放明细 →', 'chain-link');
  all.href = '/?item=' + encodeURIComponent(chain.item) + '&kind=payout';
  all.addEventListener('click', (e) => { e.preventDefault(); navigate({ q: '', sort: '', page: 1, item: chain.item, kind: 'payout' }); });
  result.append(all);
  box.append(result);
}

function render() {
  const state = readState();
  if (state.subsidy) renderChain(state); else renderSearch(state);
}

function formState(page) {
  const form = $('search');
  const state = { q: form.q.value.trim(), sort: form.sort.value, page: page || 1 };
  for (const f of FILTERS) state[f] = form[f].value;
  return state;
}

document.addEventListener('DOMContentLoaded', () => {
  const form = $('search');
  form.addEventListener('submit', (e) => { e.preventDefault(); navigate(formState(1)); });
  for (const select of form.querySelectorAll('select')) select.addEventListener('change', () => navigate(formState(1)));
  $('prev').addEventListener('click', () => { const s = readState(); navigate({ ...s, page: Math.max(1, s.page - 1) }); window.scrollTo(0, 0); });
  $('next').addEventListener('click', () => { const s = readState(); navigate({ ...s, page: s.page + 1 }); window.scrollTo(0, 0); });
  window.addEventListener('popstate', render);
  render();
});
