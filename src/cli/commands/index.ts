import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { registerBuild } from './build.js';
import { registerCheck } from './check.js';
import { registerNew } from './new.js';
import { registerImport } from './import.js';
import { registerIndex } from './index-site.js';
import { registerVerify } from './verify.js';
import { registerPreview } from './preview.js';
import { registerDoctor } from './doctor.js';
import { registerInit } from './init.js';

/** Every command of the CLI, in the order `--help` lists them. */
export const commands: Array<(program: Command, context: CommandContext) => void> = [registerBuild, registerPreview, registerCheck, registerNew, registerImport, registerIndex, registerVerify, registerDoctor, registerInit];
