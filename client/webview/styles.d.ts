/** esbuild bundles imported style sheets into a `.css` file beside the script. */
declare module '*.css';
