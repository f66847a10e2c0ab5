import tailwindcss from "@tailwindcss/vite";
import { tanstackRouter } from "@tanstack/router-plugin/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { classicScript } from "./scripts/lib/classic-script.ts";
import { precompress } from "./scripts/lib/precompress.ts";

// The API server that `npm run dev` starts beside Vite (scripts/dev.mjs).
const apiPort = Number(process.env.LEASEHOLD_DEV_API_PORT ?? 8081);

export default defineConfig({
  plugins: [
    tanstackRouter({
      target: "react",
      autoCodeSplitting: true,
      // Loaders import each feature's API module; keeping them in the main bundle would put
      // every feature in the initial download. One chunk per route holds the loader and the
      // component, so a route still costs a single fetch. The pending and error components stay
      // in the route tree: they are the shared RoutePending/RouteError, already in the first
      // download, and a chunk of their own per route was one more request for a re-export.
      codeSplittingOptions: {
        defaultBehavior: [["loader", "component"]],
      },
      routesDirectory: "./web/routes",
      generatedRouteTree: "./web/routeTree.gen.ts",
    }),
    react(),
    tailwindcss(),
    classicScript("web/theme.js"),
    precompress(),
  ],
  build: {
    outDir: "dist/web",
    emptyOutDir: true,
    sourcemap: false,
    // Vite's modulepreload polyfill serves browsers without <link rel="modulepreload">; the ones it
    // targets lacking it (Safari 16.4) still load every chunk, just without the head start.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the first page needs in one file: the entry's modules would otherwise be cut into
          // several chunks shared with lazy routes, each compressed on its own and each one more request.
          // The data layer (TanStack Query), loaded by the signed-in area, as one file rather than nine.
          groups: [
            { name: "app", tags: ["$initial"] },
            { name: "data-layer", test: /node_modules[\\/]@tanstack[\\/](query-core|react-query)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: Number(process.env.PORT ?? 5173),
    proxy: { "/api": { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false } },
  },
});
