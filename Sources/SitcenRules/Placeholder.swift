// placeholder: SitcenRules
