async def hello():
	pass
print(type(hello))
