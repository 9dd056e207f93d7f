#!/usr/bin/env node
/** The `wxcloud` command of the installed package (see cli.ts). */
import { runCli } from './cli';

runCli();
