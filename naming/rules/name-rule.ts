import type { Problem } from '../../config/rules/problem';
import type { ValidConfig } from '../../config/validate';
import type { ProjectNames } from '../names';

/** Checks a name derived from valid inputs (the user may also have set it explicitly). */
export type NameRule = (config: ValidConfig, names: ProjectNames) => Problem[];
