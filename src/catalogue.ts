/**
 * Every rule bulletin can report, in docs order: the pipeline's rules (diagnostics/rules.ts), the
 * import rules and the proofreading rules (lint/rules.ts). The CLI renders messages in English
 * from it; docs/rules.md is generated from it; a test holds it against the ids the fixtures raise.
 */
import type { VFileMessage } from 'vfile-message';
import { STAGE_RULES, YAML_RULES, type AnyRule, type Lang, type StageRuleId } from './diagnostics/rules.js';
import { inLang } from './diagnostics/errors.js';
import { LINT_RULES, type LintRuleId } from './lint/rules.js';

/** The id of every rule bulletin can report: a literal union drawn from the catalogue, so a typo in a rule id does not compile. */
export type RuleId = StageRuleId | LintRuleId;

export function allRules(): Array<AnyRule> {
  const stage: readonly AnyRule[] = STAGE_RULES;
  const early = stage.filter((r) => r.group !== 'numbering' && r.group !== 'output');
  const late = stage.filter((r) => r.group === 'numbering' || r.group === 'output');
  return [...early, ...YAML_RULES, ...late, ...(LINT_RULES as readonly AnyRule[])];
}

let index: Map<string, AnyRule> | undefined;
export function ruleById(id: string): AnyRule | undefined {
  index ??= new Map(allRules().map((r) => [r.id, r]));
  return index.get(id);
}

/** A message's text and hint in `lang`, from the catalogue when the message came from a rule. */
export function translate(m: VFileMessage, lang: Lang): { text: string; hint: string | undefined } {
  const rule = lang === 'zh' || m.args === undefined || !m.ruleId ? undefined : ruleById(m.ruleId);
  if (!rule) return { text: m.reason, hint: m.note };
  const args = inLang(m.args, lang);
  return { text: rule.message[lang](args), hint: rule.hint[lang](args) };
}
