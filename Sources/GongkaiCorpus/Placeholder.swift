// Placeholder until the target's code lands.
