import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/theme.css';
import { MASK_PARAM } from '@/utils/messages/mask';
import { App } from './app';
import { MaskApp } from './mask-app';

const params = new URLSearchParams(location.search);

// viewer.html?job=<id> shows a job's result; viewer.html?mask=<menu id>&src=… is the mask editor.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {params.has(MASK_PARAM) ? <MaskApp search={location.search} /> : <App jobId={params.get('job') ?? ''} />}
  </StrictMode>,
);
