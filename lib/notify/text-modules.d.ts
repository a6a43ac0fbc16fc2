// Email templates are imported as text: esbuild's text loader (Lambda), the jest transform, a Node hook (tsx).
declare module '*.html' {
  const text: string;
  export default text;
}
declare module '*.txt' {
  const text: string;
  export default text;
}
