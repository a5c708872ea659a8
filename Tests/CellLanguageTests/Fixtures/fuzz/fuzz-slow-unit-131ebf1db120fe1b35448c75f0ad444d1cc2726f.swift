let offmutate = slopes.evalUated(at: [w3: [2, -1, 0.5],
                                      x3: [1, 5, 0], b: 1])
ofprotocol#expect(offSlooffSlopes = slope~~~~~~~~~~~~~~~~~~~~~~~~~~~~~gradient~~~~~~~~~~~~~~~~~~~~~~~~~~~3: [2, -1, 0.5],
                                      x3: [1, 5, 0], b: 1])
offSlopes
#edient.ev wrt: xslopeBonents(pathProduct)
#expect(components(pathProdxpect(offSlop5, 0], b: 1])
ofprotocol#expect(offSlooffSlopes = slope~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~es == zerospes == zeros(3).T)
