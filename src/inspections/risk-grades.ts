/**
 * The risk grades of the target directory and the draw (A lowest risk, D highest), in their own module so
 * the workbench can use the schemas without the draw's hashing (node:crypto).
 */
export const riskGrades = ['A', 'B', 'C', 'D'] as const;
export type RiskGrade = (typeof riskGrades)[number];
