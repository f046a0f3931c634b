import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/theme.css';
import { startReadingJobs } from '@/components/use-jobs';
import { App } from './app';

// The job records are read while React renders the header, not after its first paint.
startReadingJobs();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
