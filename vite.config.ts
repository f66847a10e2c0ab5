import tailwindcss from "@tailwindcss/vite";
import { tanstackRouter } from "@tanstack/router-plugin/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
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
      // component, so a route still costs a single fetch.
      codeSplittingOptions: {
        defaultBehavior: [["loader", "component"], ["pendingComponent"], ["errorComponent", "notFoundComponent"]],
      },
      routesDirectory: "./web/routes",
      generatedRouteTree: "./web/routeTree.gen.ts",
    }),
    react(),
    tailwindcss(),
    precompress(),
  ],
  build: { outDir: "dist/web", emptyOutDir: true, sourcemap: false },
  server: {
    port: Number(process.env.PORT ?? 5173),
    proxy: { "/api": { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false } },
  },
});
