import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { registerBuild } from './build.js';
import { registerNew } from './new.js';

/** Every command of the CLI, in the order `--help` lists them. */
export const commands: Array<(program: Command, context: CommandContext) => void> = [registerBuild, registerNew];
