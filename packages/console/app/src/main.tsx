import { render } from 'preact';
import { App } from './app.js';
import { onLinkClick } from './lib/router.js';
import './styles.css';

document.addEventListener('click', onLinkClick);
render(<App />, document.getElementById('app')!);
