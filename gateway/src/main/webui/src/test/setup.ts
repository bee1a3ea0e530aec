import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach, vi } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { FakeEventSource } from './FakeEventSource';

// A busy build machine (2 shared cores) renders slowly.
configure({ asyncUtilTimeout: 5000 });

// happy-dom has no EventSource: every test gets a controllable one.
beforeEach(() => FakeEventSource.install());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  // the theme choice lives on <html> and in localStorage, which outlive a test's render
  localStorage.clear();
  document.documentElement.removeAttribute('data-theme');
});
