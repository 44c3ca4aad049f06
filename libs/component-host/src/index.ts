export * from './component-type';
export * from './components-store';
export * from './component-host';
export * from './spaces-authorize';
