let x: Scalar
#expect(x^6*2e10000 == (x*1e1666)^6)
