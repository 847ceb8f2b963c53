"""The strategic threat assessment, the control strategy, and the unit's demand and capacity."""
