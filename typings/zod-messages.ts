/** English messages for zod/mini, which ships none by default ("Invalid input" otherwise). */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

z.config(en());
