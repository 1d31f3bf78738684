/**
 * The document model: what a source describes, independent of Markdown and of HTML.
 * Every stage after `transform` works on these types only.
 */

/** A position in the source file (1-based), for diagnostics and outline anchors. */
export interface Place {
  line: number;
  column: number;
}

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'delete'; children: Inline[] }
  | { type: 'code'; value: string }
  | { type: 'break' }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'image'; src: string; alt: string };

export type Block =
  | { type: 'heading'; depth: 2 | 3; children: Inline[]; text: string; place: Place }
  | { type: 'paragraph'; children: Inline[]; text: string; place: Place }
  | { type: 'note'; blocks: Block[]; place: Place }
  | { type: 'quote'; blocks: Block[]; place: Place }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][]; place: Place }
  | { type: 'table'; align: Array<'left' | 'right' | 'center' | null>; rows: Inline[][][]; place: Place }
  | { type: 'figure'; src: string; alt: string; caption: string; place: Place }
  | { type: 'code'; value: string; place: Place }
  | { type: 'rule'; place: Place };

export interface Article {
  /** 1-based position of the article in the issue; used for anchors and bookmarks. */
  index: number;
  title: string;
  subtitle?: string;
  blocks: Block[];
  /** "（上饶市应急管理局供稿）" when the last paragraph is wholly in parentheses. */
  source?: string;
  place: Place;
}

export interface DistributionLine {
  label: string;
  /** The rendered text after the label, already joined and closed with "。". */
  text: string;
}

export interface Series {
  name: string;
  number: number;
}

/** One issue, fully resolved against the config: templates need nothing else. */
export interface Bulletin {
  /** Path of the source relative to the project root, with forward slashes. */
  source: string;
  title: string;
  publisher: string;
  marker: string;
  issue: number;
  total: number;
  /** YYYY-MM-DD */
  date: string;
  printed: string;
  series?: Series;
  copies?: number;
  distribution: DistributionLine[];
  articles: Article[];
  /** Built with --draft while it still holds 【待补】: every page says 草稿. */
  draft?: boolean;
  /** Local images referenced by the body: absolute path → output-relative path, with the reference as written and where. */
  images: Array<{ from: string; to: string; url: string; place: Place }>;
}
