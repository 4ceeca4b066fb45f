print("dmf-wizard")
