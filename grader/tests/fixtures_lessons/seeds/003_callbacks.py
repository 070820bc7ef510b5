def arithmetic(num, callback):
    val = []
    for i in num:
        val.append(callback(i))
    return val

def square(num):
    return num**2

def cube(num):
    return num**3

print(arithmetic([2,3,5], square))
print(arithmetic([2,3,5], cube))
