"""Writing outputs: staging and the manifest, build time, deterministic zips, stable ids."""
