// The axe-core options every browser test uses: axe's full default rule set, plus the rules the course holds itself to
// that axe leaves off by default.

/**
 * `label-content-name-mismatch` (WCAG 2.5.3, label in name: a control's accessible name contains its visible text) is
 * still tagged experimental in axe 4, so it is off unless enabled. Pass to `new AxeBuilder({ page }).options(…)`
 * without `withTags`/`withRules`, so that every default rule runs too.
 */
export const AXE_OPTIONS = { rules: { 'label-content-name-mismatch': { enabled: true } } };
