"""Export: writers that turn saved articles into files people can take away."""
