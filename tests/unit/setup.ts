// IndexedDB for idb-keyval under Node; the WXT plugin already supplies the fake `browser`.
import 'fake-indexeddb/auto';
