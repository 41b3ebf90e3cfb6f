/**
 * PostgreSQL test databases are cloned from the run's template (`sanxiang_template_<pid>`) and named after
 * it, so that a run's teardown drops only its own: other runs on the same server (another checkout, CI, a
 * colleague's watch mode) keep theirs.
 */
export const testDatabasePrefix = (template: string): string =>
  `${template.replace('sanxiang_template_', 'sanxiang_t_')}_`;
