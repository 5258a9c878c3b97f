// placeholder: SitcenDemo
