"""Files: contracts CSV, saved documents and exports. Imports the core, never Qt."""
