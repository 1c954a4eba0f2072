import { render } from 'preact';
import '../ui/style.css';
import { Options } from './options';

render(<Options />, document.getElementById('app') as HTMLElement);
