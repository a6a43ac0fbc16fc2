// Registers text-hooks.mjs: run scripts with `tsx --import ./local/text-loader.mjs …`.
import { register } from 'node:module';

register('./text-hooks.mjs', import.meta.url);
