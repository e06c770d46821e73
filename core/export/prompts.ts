import path from 'node:path';
import { createPromptValidator, loadPromptLibrary, promptTextFor } from '../prompts';
import type { PromptLookup } from './pairs';

/** The prompt texts from the bundled versions and the ones made in the data folder, as the app loads them. */
export function promptLookup(promptsDir: string, dataDir: string): PromptLookup {
  const validate = createPromptValidator(path.join(promptsDir, 'schema.json'));
  const library = loadPromptLibrary(path.join(promptsDir, 'versions'), path.join(dataDir, 'prompts', 'versions'), validate);
  return (version, provider) => {
    const loaded = library.versions.get(version);
    if (!loaded) return null;
    const text = promptTextFor(loaded.version, provider);
    return { prompt: text.prompt, negative_prompt: text.negative_prompt };
  };
}
