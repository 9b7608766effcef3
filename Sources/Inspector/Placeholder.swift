// placeholder until the inspector model lands
