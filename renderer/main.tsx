import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { stores } from './app';
import { startApp } from './stores';
import './styles/base.css';
import './styles/dialogs.css';
import './styles/train.css';
import './styles/compare.css';
import './styles/history.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lacks the #root element');

startApp(stores);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
