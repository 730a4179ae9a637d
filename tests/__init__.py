import os

# argon2's cheapest profile for the thousands of accounts a run makes (honoured only in
# development and test: app/services/accounts.py, `password_hasher`); servers the tests
# start inherit it.
os.environ.setdefault("PASSWORD_HASHING", "cheapest")
