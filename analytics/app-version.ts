// The app version written into compute runs and report manifests.
import pkg from '../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;
