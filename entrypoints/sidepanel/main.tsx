import { render } from 'preact';
import { browserPlatform } from '../../components/shared/browser-platform';
import { App } from './App';

const root = document.getElementById('app');
// One platform for the panel's life: it opens the database once.
if (root) render(<App platform={browserPlatform()} />, root);
