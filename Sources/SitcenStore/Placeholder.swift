// placeholder: SitcenStore
