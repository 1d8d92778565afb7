// The little of markdown-it's API the render layer uses (the package ships no types).
declare module 'markdown-it' {
  interface MarkdownItOptions {
    readonly html?: boolean;
    readonly linkify?: boolean;
    readonly typographer?: boolean;
  }
  class MarkdownIt {
    constructor(preset?: 'default' | 'commonmark' | 'zero', options?: MarkdownItOptions);
    render(source: string): string;
  }
  export default MarkdownIt;
}
