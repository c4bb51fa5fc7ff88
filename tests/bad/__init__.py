"""The corpus of bad inputs: broken manifests, articles and artwork, each with the message it must give."""
