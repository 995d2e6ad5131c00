print("cofund")
