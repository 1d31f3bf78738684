/** A link of an issue page's navigation. */
export interface NavLink {
  href: string;
  label: string;
}

/** What an issue page links to: the index, its own PDF and Word files, the issues before and after it (in all, and in its series). */
export interface IssueNav {
  index: string;
  pdf?: string;
  docx?: string;
  previous?: NavLink;
  next?: NavLink;
  series?: { name: string; previous?: NavLink; next?: NavLink };
}
