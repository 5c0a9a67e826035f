def seed(password, stdout):
    pass
