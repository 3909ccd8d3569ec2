// IndexedDB for Node tests; must load before Dexie is imported (ENVIRONMENT.md).
import 'fake-indexeddb/auto';
