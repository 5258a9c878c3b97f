// placeholder: SitcenIngest
