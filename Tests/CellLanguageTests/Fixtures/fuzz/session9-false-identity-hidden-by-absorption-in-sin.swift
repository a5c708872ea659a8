let x: Scalar
#expect(sin(x*1e20) == sin(x*1e20 + 1))
