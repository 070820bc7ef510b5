async def f(x):
    y = await z(x)
    return y

async def g(x):
    yield x

async def m(x):
    yield from gen(x)

def m(x):
    y = await z(x)
    return y
