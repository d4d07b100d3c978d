import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadGatewayConfig } from '../shared/config/loadGatewayConfig';
import { App } from './App';
import './app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// The gateway address must be known before anything connects, so config is read before the first render.
void loadGatewayConfig().then((config) => {
  createRoot(container).render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
});
